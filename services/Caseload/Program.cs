using Caseload.Api;
using Caseload.Api.Data;
using Caseload.Api.Grpc;
using Workforce.ServiceDefaults;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Operations;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(Extensions.ServiceName);
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<CaseAllocationsService>();
app.MapGrpcService<CaseloadBenchmarksService>();
app.MapGrpcService<ReadModelsService>();

await app.MigrateDatabaseAsync<CaseloadDbContext>();
await app.RunAsync();
