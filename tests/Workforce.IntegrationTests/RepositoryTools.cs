using System.Diagnostics;
using Workforce.Testing;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>Runs one of the repository's command-line tools (deploy/...) from its build, as an operator would.</summary>
public static class RepositoryTools
{
    public static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var assembly = Path.Combine(RepositoryPaths.Root, "deploy", tool, "bin", RepositoryPaths.Configuration, "net10.0", tool + ".dll");
        var start = new ProcessStartInfo("dotnet", [assembly, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}:\n{await output}\n{await errors}");
        return await output;
    }
}
