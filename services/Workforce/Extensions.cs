using Workforce.Api.Application;
using Workforce.Api.Data;
using Workforce.ServiceDefaults.Caching;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Messaging;
using Workforce.ServiceDefaults.Retention;
using Workforce.ServiceDefaults.Offboarding;

namespace Workforce.Api;

public static class Extensions
{
    public const string ServiceName = "workforce";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<WorkforceDbContext, SqliteWorkforceDbContext, PostgresWorkforceDbContext>(ServiceName);
        builder.AddServiceMessaging(ServiceName);
        // The others follow the workforce service's CouncilOffboarded.
        builder.AddCouncilOffboarding(announce: true);
        builder.Services.AddScoped<StaffChangeRecorder>();
        builder.Services.AddScoped<RegisterReader>();
        builder.Services.AddScoped<CouncilFigures>();
        builder.AddRetention<WorkforceRetention>();
        builder.AddCouncilCache<CachedRegister, CouncilLogMark>(WorkforceDbContext.CachedTables);
        return builder;
    }
}
