using Microsoft.Extensions.Options;

namespace Supervision.Api.Application;

/// <summary>How often overdue supervision is looked for (section <c>Supervision</c>).</summary>
public sealed class OverdueScanOptions
{
    public const string Section = "Supervision";

    public TimeSpan OverdueScanInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Runs <see cref="OverdueAlerts"/> at start and then on its interval; a failed scan is logged and retried next time.</summary>
public sealed partial class OverdueAlertScanner(IServiceScopeFactory scopes, IOptions<OverdueScanOptions> options, TimeProvider clock, ILogger<OverdueAlertScanner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OverdueAlerts>().ScanAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogScanFailed(exception);
            }

            try
            {
                await Task.Delay(options.Value.OverdueScanInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Overdue supervision scan failed; trying again at the next interval")]
    private partial void LogScanFailed(Exception exception);
}
