using Supervision.Api;
using Supervision.Api.Data;
using Supervision.Api.Grpc;
using Workforce.ServiceDefaults;
using Workforce.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(Extensions.ServiceName);
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<SupervisionRecordsService>();

await app.MigrateDatabaseAsync<SupervisionDbContext>();
await app.RunAsync();
