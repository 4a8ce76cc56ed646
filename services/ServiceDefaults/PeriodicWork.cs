using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Workforce.ServiceDefaults;

/// <summary>Work repeated from start-up until the host stops; a failed round is logged and tried again after the next delay.</summary>
public abstract partial class PeriodicWork(string name, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>How long to wait after a round, successful or not.</summary>
    protected abstract TimeSpan NextDelay { get; }

    /// <summary>How loudly a failed round is logged: expected outages (the broker down) need not be a warning.</summary>
    protected virtual LogLevel FailureLevel => LogLevel.Warning;

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, FailureLevel, exception, name, NextDelay.TotalSeconds);
            }

            try
            {
                await Task.Delay(NextDelay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Message = "{Work} failed; trying again in {Seconds} s")]
    private static partial void LogRoundFailed(ILogger logger, LogLevel level, Exception exception, string work, double seconds);
}
