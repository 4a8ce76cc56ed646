using Supervision.Api.Domain;
using Supervision.V1;
using Workforce.ServiceDefaults.Grpc;
using SessionAction = Supervision.Api.Domain.SessionAction;
using SessionKind = Supervision.Api.Domain.SessionKind;

namespace Supervision.Api.Grpc;

/// <summary>Checks a batch of sessions at the edge; every problem is named by item index and field.</summary>
public static class SessionsValidator
{
    public const int MaxBatchSize = 1000;
    private const int MinutesInADay = 24 * 60;

    /// <param name="at">Prefix of field paths, e.g. <c>chunks[3].</c> for a chunk of the bulk feed.</param>
    public static List<SessionRecord> ToRecords(RecordSessionsRequest request, DateTimeOffset now, DateOnly today, string at = "")
    {
        var violations = new FieldViolations();
        Identifiers.Check(violations, $"{at}authority", request.Authority, Identifiers.MaxAuthorityLength);
        if (request.Sessions.Count == 0)
        {
            violations.Add($"{at}sessions", "at least one session is required");
        }
        else if (request.Sessions.Count > MaxBatchSize)
        {
            violations.Add($"{at}sessions", $"at most {MaxBatchSize} sessions per batch; send more in further batches or use the stream");
        }

        var records = new List<SessionRecord>();
        for (var i = 0; i < request.Sessions.Count && request.Sessions.Count <= MaxBatchSize; i++)
        {
            records.Add(ToRecord(request.Authority, request.Sessions[i], $"{at}sessions[{i}]", now, today, violations));
        }

        violations.ThrowIfAny();
        return records;
    }

    private static SessionRecord ToRecord(string authority, Session session, string at, DateTimeOffset now, DateOnly today, FieldViolations violations)
    {
        Identifiers.Check(violations, $"{at}.session_id", session.SessionId, Identifiers.MaxChangeIdLength);
        if (session.SourceVersion < 0)
        {
            violations.Add($"{at}.source_version", "must not be negative");
        }

        if (session.RetractsSessionId.Length > 0)
        {
            Identifiers.Check(violations, $"{at}.retracts_session_id", session.RetractsSessionId, Identifiers.MaxChangeIdLength);
            return new SessionRecord
            {
                Authority = authority,
                SessionId = session.SessionId,
                SourceVersion = session.SourceVersion,
                RetractsSessionId = session.RetractsSessionId,
                RecordedAt = now,
            };
        }

        Identifiers.CheckPseudonym(violations, $"{at}.supervisee_staff_id", session.SuperviseeStaffId);
        Identifiers.CheckPseudonym(violations, $"{at}.supervisor_staff_id", session.SupervisorStaffId);
        if (session.SuperviseeStaffId.Length > 0 && session.SuperviseeStaffId == session.SupervisorStaffId)
        {
            violations.Add($"{at}.supervisor_staff_id", "must not be the supervisee");
        }

        DateOnly date = default;
        if (session.Date is null || !Dates.TryToDateOnly(session.Date, out date))
        {
            violations.Add($"{at}.date", "a valid date is required");
        }
        else if (date > today)
        {
            violations.Add($"{at}.date", "must not be after today");
        }

        if (session.Minutes is <= 0 or > MinutesInADay)
        {
            violations.Add($"{at}.minutes", "must be more than 0 and at most a day (1440)");
        }

        if (session.Kind == V1.SessionKind.Unspecified || !Enum.IsDefined(session.Kind))
        {
            violations.Add($"{at}.kind", "must be individual, group or case discussion");
        }

        var actions = new List<SessionAction>();
        for (var i = 0; i < session.Actions.Count; i++)
        {
            var action = session.Actions[i];
            DateOnly? due = null;
            if (action.DueDate is not null)
            {
                if (Dates.TryToDateOnly(action.DueDate, out var day))
                {
                    due = day;
                }
                else
                {
                    violations.Add($"{at}.actions[{i}].due_date", "is not a valid calendar date");
                }
            }

            foreach (var (field, value) in new[] { ("owner_staff_id", action.OwnerStaffId), ("case_id", action.CaseId) })
            {
                if (value.Length > 0)
                {
                    Identifiers.Check(violations, $"{at}.actions[{i}].{field}", value, Identifiers.MaxIdLength);
                }
            }

            actions.Add(new SessionAction(action.OwnerStaffId.Length > 0 ? action.OwnerStaffId : null, due, action.CaseId.Length > 0 ? action.CaseId : null));
        }

        return new SessionRecord
        {
            Authority = authority,
            SessionId = session.SessionId,
            SourceVersion = session.SourceVersion,
            SuperviseeStaffId = session.SuperviseeStaffId,
            SupervisorStaffId = session.SupervisorStaffId,
            Date = date,
            Minutes = session.Minutes,
            Kind = (SessionKind)(int)session.Kind,
            Actions = actions,
            RecordedAt = now,
        };
    }
}
