using Supervision.Api;
using Supervision.Api.Data;
using Supervision.Api.Grpc;
using Workforce.ServiceDefaults;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Operations;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(Extensions.ServiceName);
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<SupervisionRecordsService>();
app.MapGrpcService<ReadModelsService>();

await app.MigrateDatabaseAsync<SupervisionDbContext>();
await app.RunAsync();
