using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Messaging;

namespace Workforce.ServiceDefaults.Settings;

/// <summary>Keeps a consuming service's copy of the councils' settings in step with the workforce service.</summary>
public sealed class CouncilSettingsChangedConsumer(ServiceDbContext db, TimeProvider clock, ILogger<CouncilSettingsChangedConsumer> logger) : IConsumer<CouncilSettingsChanged>
{
    public Task Consume(ConsumeContext<CouncilSettingsChanged> context) =>
        db.ConsumeOnceAsync(context, nameof(CouncilSettingsChangedConsumer), clock, logger, async cancellationToken =>
        {
            var message = context.Message;
            if (string.IsNullOrWhiteSpace(message.Authority) || message.Version < 1 || message.History is null)
            {
                throw new InvalidEventException("A settings event needs an authority, a version and a history.");
            }

            var settings = db.Set<CouncilSettingsRecord>();
            var record = await settings.SingleOrDefaultAsync(s => s.Authority == message.Authority, cancellationToken);
            if (record is null)
            {
                record = new CouncilSettingsRecord { Authority = message.Authority };
                settings.Add(record);
            }

            record.Apply(message);
        });
}
