using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Workforce.ServiceDefaults.Offboarding;

public static class OffboardingExtensions
{
    /// <summary>
    /// Council offboarding for a service (map <see cref="CouncilsService"/>); with <paramref name="announce"/> it publishes
    /// <see cref="Workforce.Contracts.CouncilOffboarded"/>, which services that register <see cref="CouncilOffboardedConsumer"/> follow.
    /// </summary>
    public static IHostApplicationBuilder AddCouncilOffboarding(this IHostApplicationBuilder builder, bool announce = false)
    {
        builder.Services.Configure<OffboardingOptions>(options => options.Announce = announce);
        builder.Services.AddScoped<CouncilOffboarding>();
        return builder;
    }
}
