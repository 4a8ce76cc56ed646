using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Grpc;
using Workforce.V1;
using StaffChange = Workforce.Api.Domain.StaffChange;

namespace Workforce.Api.Grpc;

/// <summary>Turns a settings write into a change-log row, so settings share the log's dating, idempotency and known_at.</summary>
public static class SettingsChangeValidator
{
    public static StaffChange ToChange(SetCouncilSettingsRequest request, DateTimeOffset now)
    {
        var violations = new FieldViolations();
        Identifiers.Check(violations, "authority", request.Authority, Identifiers.MaxAuthorityLength);
        Identifiers.Check(violations, "change_id", request.ChangeId, Identifiers.MaxChangeIdLength);
        if (request.SourceVersion < 0)
        {
            violations.Add("source_version", "must not be negative");
        }

        DateOnly from = default;
        if (request.EffectiveFrom is null || !Dates.TryToDateOnly(request.EffectiveFrom, out from))
        {
            violations.Add("effective_from", "a valid date is required");
        }

        var settings = CouncilSettingsMapper.FromProto(request.Settings, "settings", violations);
        violations.ThrowIfAny();
        return new StaffChange
        {
            Authority = request.Authority,
            ChangeId = request.ChangeId,
            SourceVersion = request.SourceVersion,
            Kind = ChangeKind.Settings,
            EffectiveDate = from,
            RecordedAt = now,
            SettingsJson = SettingsHistory.Serialize(settings),
        };
    }
}
