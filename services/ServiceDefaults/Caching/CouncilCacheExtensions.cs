using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Workforce.ServiceDefaults.Caching;

public static class CouncilCacheExtensions
{
    /// <summary>
    /// One cache per service process, bounded by the <c>ReadCache</c> section, built from <paramref name="tables"/>: the
    /// tables whose commits make a council's cached state stale (PostgreSQL triggers on them notify, see
    /// <see cref="CouncilChangeNotifications"/>); and the whole answers of many-council reads built from it (<see cref="ManyCouncilAnswers{TReply}"/>).
    /// </summary>
    public static IHostApplicationBuilder AddCouncilCache<TState, TMark>(this IHostApplicationBuilder builder, IReadOnlySet<string> tables)
        where TMark : IEquatable<TMark>
    {
        var options = builder.Configuration.GetSection(CouncilCacheOptions.Section).Get<CouncilCacheOptions>() ?? new CouncilCacheOptions();
        builder.Services.AddSingleton(new CachedTables(tables));
        builder.Services.AddSingleton(sp => new CouncilCache<TState, TMark>(options, sp.GetRequiredService<CouncilChanges>()));
        builder.Services.TryAddSingleton(typeof(ManyCouncilAnswers<>));
        return builder;
    }
}
