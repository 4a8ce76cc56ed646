using System.Diagnostics;
using Workforce.Testing;

namespace Workforce.IntegrationTests;

/// <summary>Runs one of the repository's .NET commands (deploy/{tool}, built with the tests) as an operator would.</summary>
public static class DeployTool
{
    public static ProcessStartInfo StartInfo(string tool, IEnumerable<string> arguments) =>
        new("dotnet", [Path.Combine(RepositoryPaths.Root, "deploy", tool, "bin", RepositoryPaths.Configuration, "net10.0", tool + ".dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

    /// <summary>Runs the tool to the end (at most three minutes, else it is killed with its children) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string tool, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(tool, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A tool that starts services must not leave them running after the test.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{tool} did not finish within 3 minutes:\n{await output}\n{await errors}");
        }

        return (process.ExitCode, await output, await errors);
    }

    /// <summary><see cref="RunAsync"/> for a run that must succeed: its standard output.</summary>
    public static async Task<string> RunToSuccessAsync(string tool, params string[] arguments)
    {
        var (exitCode, output, errors) = await RunAsync(tool, arguments);
        Xunit.Assert.True(exitCode == 0, $"{tool} exited with {exitCode}:\n{output}\n{errors}");
        return output;
    }
}
