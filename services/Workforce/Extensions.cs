using Workforce.Api.Application;
using Workforce.Api.Data;
using Workforce.ServiceDefaults.Caching;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Messaging;

namespace Workforce.Api;

public static class Extensions
{
    public const string ServiceName = "workforce";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<WorkforceDbContext, SqliteWorkforceDbContext, PostgresWorkforceDbContext>(ServiceName);
        builder.AddServiceMessaging(ServiceName);
        builder.Services.AddScoped<StaffChangeRecorder>();
        builder.Services.AddScoped<RegisterReader>();
        builder.AddCouncilCache<CachedRegister, LogMark>();
        return builder;
    }
}
