using Caseload.Api;
using Caseload.Api.Data;
using Caseload.Api.Grpc;
using Workforce.ServiceDefaults;
using Workforce.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(Extensions.ServiceName);
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<CaseAllocationsService>();

await app.MigrateDatabaseAsync<CaseloadDbContext>();
await app.RunAsync();
