using System.Diagnostics;

namespace Workforce.Api;

/// <summary>The workforce service's own spans; only ids and counts go into tags, never personal data.</summary>
public static class WorkforceTelemetry
{
    public static readonly ActivitySource Source = new(Extensions.ServiceName);
}
