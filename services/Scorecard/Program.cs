using System.Globalization;
using System.Text.Json.Serialization;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Scorecard.Api;
using Scorecard.Api.Domain;
using Workforce.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddHostDefaults("scorecard");
builder.Services.Configure<ScorecardOptions>(builder.Configuration.GetSection(ScorecardOptions.Section));
builder.Services.AddSingleton(sp => new ScorecardSources(sp.GetRequiredService<IOptions<ScorecardOptions>>().Value));
builder.Services.Configure<JsonOptions>(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

var app = builder.Build();
app.Use(async (context, next) =>
{
    // The page carries a token: no framing, no third-party script or connection, no referrer.
    var headers = context.Response.Headers;
    headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    headers.XContentTypeOptions = "nosniff";
    headers["Referrer-Policy"] = "no-referrer";
    await next();
});
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapHealthEndpoints();
app.MapPost("/api/scorecard", async (ScorecardQuery query, HttpContext context, ScorecardSources sources) =>
{
    context.Response.Headers.CacheControl = "no-store";
    var authorization = context.Request.Headers.Authorization.ToString();
    if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= "Bearer ".Length)
    {
        return Problem(StatusCodes.Status401Unauthorized, "Paste your token first: the scorecard needs an analyst token for the council.");
    }

    if (string.IsNullOrWhiteSpace(query.Authority))
    {
        return Problem(StatusCodes.Status400BadRequest, "Give the council's three-digit DfE code (for example 841).");
    }

    if (!DateOnly.TryParseExact(query.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
    {
        return Problem(StatusCodes.Status400BadRequest, "Pick a month (year and month, like 2025-09).");
    }

    var asOf = first.AddMonths(1).AddDays(-1);
    try
    {
        var replies = await sources.FetchAsync(query.Authority.Trim(), asOf, authorization["Bearer ".Length..].Trim(), context.RequestAborted);
        return Results.Ok(ScorecardBuilder.Build(replies));
    }
    catch (RpcException e)
    {
        return e.StatusCode switch
        {
            StatusCode.Unauthenticated => Problem(StatusCodes.Status401Unauthorized,
                "The services did not accept the token: it may have expired, or not come from the suite's issuer. Paste a new one."),
            StatusCode.PermissionDenied => Problem(StatusCodes.Status403Forbidden,
                $"The token does not allow reading council {query.Authority.Trim()}: it needs the analyst role and that council's code."),
            StatusCode.InvalidArgument => Problem(StatusCodes.Status400BadRequest, $"A service refused the request: {e.Status.Detail}"),
            StatusCode.ResourceExhausted => Problem(StatusCodes.Status429TooManyRequests, "Too many requests for this token just now; try again in a minute."),
            _ => Problem(StatusCodes.Status502BadGateway, $"A service did not answer ({e.StatusCode}); try again, or ask the operations team."),
        };
    }
});

await app.RunAsync();

static IResult Problem(int status, string message) => Results.Json(new { error = message }, statusCode: status);

internal sealed record ScorecardQuery(string? Authority, string? Month);
