using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Operations.V1;
using Workforce.ServiceDefaults.Transport;

namespace Workforce.ServiceDefaults.Operations;

public static class OperationsExtensions
{
    /// <summary>The workforce service's gRPC address, the source a staff read model is rebuilt from.</summary>
    public const string WorkforceUrlKey = "ReadModels:WorkforceUrl";

    /// <summary>
    /// Serves <c>operations.v1.ReadModels</c> (map <see cref="ReadModelsService"/>) for a service whose staff read model
    /// <typeparamref name="TReadModel"/> rebuilds from the workforce service at <c>ReadModels:WorkforceUrl</c>.
    /// </summary>
    public static IHostApplicationBuilder AddStaffReadModel<TReadModel>(this IHostApplicationBuilder builder)
        where TReadModel : class, IStaffReadModel
    {
        var url = builder.Configuration[WorkforceUrlKey];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var workforce))
        {
            throw new InvalidOperationException($"{WorkforceUrlKey} must be the workforce service's gRPC URL.");
        }

        builder.Services.AddGrpcClient<StaffStates.StaffStatesClient>(client => client.Address = workforce)
            .ConfigurePrimaryHttpMessageHandler(GrpcClients.Handler);
        builder.Services.AddScoped<IStaffReadModel, TReadModel>();
        return builder;
    }
}
