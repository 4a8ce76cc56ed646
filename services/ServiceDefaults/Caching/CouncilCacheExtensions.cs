using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Workforce.ServiceDefaults.Caching;

public static class CouncilCacheExtensions
{
    /// <summary>One cache per service process, bounded by the <c>ReadCache</c> section.</summary>
    public static IHostApplicationBuilder AddCouncilCache<TState, TMark>(this IHostApplicationBuilder builder)
        where TMark : IEquatable<TMark>
    {
        var options = builder.Configuration.GetSection(CouncilCacheOptions.Section).Get<CouncilCacheOptions>() ?? new CouncilCacheOptions();
        builder.Services.AddSingleton(new CouncilCache<TState, TMark>(options));
        return builder;
    }
}
