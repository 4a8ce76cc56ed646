using Supervision.Api.Application;
using Supervision.Api.Data;
using Supervision.Api.Messaging;
using Workforce.ServiceDefaults.Caching;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Messaging;
using Workforce.ServiceDefaults.Offboarding;
using Workforce.ServiceDefaults.Operations;
using Workforce.ServiceDefaults.Retention;
using Workforce.ServiceDefaults.Settings;

namespace Supervision.Api;

public static class Extensions
{
    public const string ServiceName = "supervision";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<SupervisionDbContext, SqliteSupervisionDbContext, PostgresSupervisionDbContext>(ServiceName);
        builder.AddServiceMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<StaffMemberChangedConsumer>();
            bus.AddConsumer<CouncilSettingsChangedConsumer>();
            bus.AddConsumer<CouncilOffboardedConsumer>();
        });
        builder.AddCouncilOffboarding();
        builder.Services.AddScoped<SessionRecorder>();
        builder.Services.AddScoped<SupervisionReader>();
        builder.AddRetention<SupervisionRetention>();
        builder.AddCouncilCache<CachedSupervision, ReadModelMark>(SupervisionDbContext.CachedTables);
        builder.Services.AddScoped<OverdueAlerts>();
        builder.AddStaffReadModel<SupervisedStaffReadModel>();
        builder.Services.AddOptions<OverdueScanOptions>().BindConfiguration(OverdueScanOptions.Section);
        builder.Services.AddHostedService<OverdueAlertScanner>();
        return builder;
    }
}
