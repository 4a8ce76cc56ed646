using Workforce.Api;
using Workforce.Api.Data;
using Workforce.Api.Grpc;
using Workforce.ServiceDefaults;
using Workforce.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(Extensions.ServiceName);
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<StaffRegisterService>();
app.MapGrpcService<StaffStatesService>();
app.MapGrpcService<WorkforceBenchmarksService>();

await app.MigrateDatabaseAsync<WorkforceDbContext>();
await app.RunAsync();
