using Grpc.Core;
using Spectre.Console;
using Workforce.V1;

namespace Workforce.Cli.Commands;

/// <summary>Sends an import's changes with a progress bar on a terminal, or a line per batch in logs and scripts.</summary>
public static class Sending
{
    /// <param name="position">Where the import has got to after so many changes, in the file's terms (e.g. "to line 120").</param>
    public static async Task<(ImportTally Tally, IReadOnlyList<Refusal> Refused)> WithProgressAsync(
        ChangeImport import, string authority, IReadOnlyList<StaffChange> changes, int batchSize, Func<int, string> position, CancellationToken cancellationToken)
    {
        try
        {
            if (!AnsiConsole.Profile.Capabilities.Interactive)
            {
                // One plain line per batch: what is already recorded if the run stops here.
                return await import.SendAsync(authority, changes, batchSize,
                    (tally, done) => Console.WriteLine($"sent {done} of {changes.Count} changes ({position(done)}); {tally}"), cancellationToken);
            }

            (ImportTally, IReadOnlyList<Refusal>) outcome = default;
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("Sending", maxValue: changes.Count);
                outcome = await import.SendAsync(authority, changes, batchSize, (_, done) => task.Value = done, cancellationToken);
            });
            return outcome;
        }
        catch (RpcException e)
        {
            throw new CliException($"The service answered {e.StatusCode}: {e.Status.Detail}. Batches already recorded stay recorded; run the same command again to resume.");
        }
    }
}
