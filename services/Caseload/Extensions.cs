using Caseload.Api.Application;
using Caseload.Api.Data;
using Caseload.Api.Domain;
using Caseload.Api.Messaging;
using Workforce.ServiceDefaults.Caching;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Messaging;
using Workforce.ServiceDefaults.Offboarding;
using Workforce.ServiceDefaults.Operations;
using Workforce.ServiceDefaults.Retention;
using Workforce.ServiceDefaults.Settings;

namespace Caseload.Api;

public static class Extensions
{
    public const string ServiceName = "caseload";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CaseloadDbContext, SqliteCaseloadDbContext, PostgresCaseloadDbContext>(ServiceName);
        builder.AddServiceMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<StaffMemberChangedConsumer>();
            bus.AddConsumer<CouncilSettingsChangedConsumer>();
            bus.AddConsumer<CouncilOffboardedConsumer>();
        });
        builder.AddCouncilOffboarding();
        builder.Services.AddScoped<AllocationRecorder>();
        builder.Services.AddScoped<CaseloadAlerts>();
        builder.Services.AddScoped<CaseloadReader>();
        builder.Services.AddScoped<ReportedCaseloads>();
        builder.AddRetention<CaseloadRetention>();
        builder.AddCouncilCache<CachedCaseload, ReadModelMark>(CaseloadDbContext.CachedTables);
        builder.Services.AddSingleton<HeardValues<string, IReadOnlyDictionary<DateOnly, ReportedFigures>>>();
        builder.AddStaffReadModel<WorkerReadModel>();
        return builder;
    }
}
