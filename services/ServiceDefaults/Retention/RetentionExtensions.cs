using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Workforce.ServiceDefaults.Retention;

public static class RetentionExtensions
{
    /// <summary>The service's purge, <c>operations.v1.Retention</c> (mapped by <c>MapDefaultEndpoints</c>) and the schedule.</summary>
    public static IHostApplicationBuilder AddRetention<TPurge>(this IHostApplicationBuilder builder)
        where TPurge : class, IRetentionPurge
    {
        builder.Services.Configure<RetentionOptions>(builder.Configuration.GetSection(RetentionOptions.Section));
        builder.Services.AddScoped<IRetentionPurge, TPurge>();
        builder.Services.AddScoped<FrozenFigures>();
        builder.Services.AddScoped<RetentionPurges>();
        builder.Services.AddHostedService<RetentionSchedule>();
        return builder;
    }
}
