using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Workforce.ServiceDefaults.Caching;

/// <summary>
/// Listens on one dedicated PostgreSQL connection for the notifications the cached tables' triggers send on commit
/// (<see cref="CouncilChangeNotifications"/>), and tells <see cref="CouncilChanges"/>. A lost connection stops
/// hearing at once (reads check the database again) and is reopened after a second.
/// </summary>
public sealed partial class CouncilChangeListener(string connectionString, CouncilChanges changes, ILogger<CouncilChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Unpooled, so a broken connection is closed rather than returned; keepalives find one that died silently.
        var listening = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 5, ApplicationName = "council-change-listener" }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(listening);
                connection.Notification += (_, notification) => changes.Changed(notification.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {CouncilChangeNotifications.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                changes.StartedHearing();
                LogHearing(logger);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Said once per outage, not once per second of it.
                if (changes.Hearing)
                {
                    LogLost(logger, exception.Message);
                }
                else
                {
                    LogStillLost(logger, exception.Message);
                }

                changes.StoppedHearing();
            }

            try
            {
                await Task.Delay(Reconnect, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        changes.StoppedHearing();
        await base.StopAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hearing council change notifications: cached councils answer without a database check until they change")]
    private static partial void LogHearing(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Council change notifications lost ({Reason}); every read checks the database until they are heard again")]
    private static partial void LogLost(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Council change notifications still not heard ({Reason}); retrying in a second")]
    private static partial void LogStillLost(ILogger logger, string reason);
}
