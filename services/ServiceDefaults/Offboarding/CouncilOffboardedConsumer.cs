using MassTransit;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Messaging;

namespace Workforce.ServiceDefaults.Offboarding;

/// <summary>Offboards the council here when the workforce service has; repeating it is harmless, so it needs no inbox.</summary>
public sealed class CouncilOffboardedConsumer(CouncilOffboarding offboarding) : IConsumer<CouncilOffboarded>
{
    public async Task Consume(ConsumeContext<CouncilOffboarded> context)
    {
        if (string.IsNullOrWhiteSpace(context.Message.Authority))
        {
            throw new InvalidEventException("An offboarding event needs an authority.");
        }

        await offboarding.OffboardAsync(context.Message.Authority, dryRun: false, context.CancellationToken);
    }
}
