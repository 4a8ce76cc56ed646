using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Workforce.Contracts;
using Workforce.V1;
using ContractType = Workforce.V1.ContractType;
using GoogleDate = Google.Type.Date;

namespace Workforce.Cli.Hr;

/// <summary>A row of an HR file as the change it sends, with the line it starts on.</summary>
public sealed record HrRow(int Line, StaffChange Change);

/// <summary>Why a row cannot be sent, naming the line and the HR file's own column header.</summary>
public sealed record RowError(int Line, string Column, string Message)
{
    public override string ToString() => Column.Length == 0 ? $"line {Line}: {Message}" : $"line {Line}, column '{Column}': {Message}";
}

public sealed record HrFile(IReadOnlyList<HrRow> Rows, IReadOnlyList<RowError> Errors);

/// <summary>
/// Turns the rows of an HR export into staff changes, checking each the way the workforce service will so a dry run
/// reports every bad row at once. A row without its own change id gets one derived from its content, so sending the
/// same file again (after an interruption) repeats ids the service already holds instead of adding changes.
/// </summary>
public static class HrRows
{
    public static HrFile Read(TextReader reader, string authority, HrMapping mapping) => Read(reader, authority, mapping, postsAt: null);

    /// <summary>
    /// An HR system's list of the posts in post at <paramref name="asOf"/> (for reconciliation): the same layout, each
    /// row a post's assignment, without the change and effective date columns.
    /// </summary>
    public static HrFile ReadPosts(TextReader reader, string authority, HrMapping mapping, DateOnly asOf) => Read(reader, authority, mapping, postsAt: asOf);

    private static HrFile Read(TextReader reader, string authority, HrMapping mapping, DateOnly? postsAt)
    {
        using var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new HrFileException("the file is empty: it needs a header line");
        }

        var header = records.Current.Fields.Select(f => f.Trim()).ToList();
        var columns = new Dictionary<string, int>();
        foreach (var field in HrFields.All)
        {
            var index = header.FindIndex(h => string.Equals(h, mapping.Header(field), StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                columns[field] = index;
            }
        }

        string[] required = postsAt is null ? HrFields.Required : [HrFields.PostId];
        var missing = required.Where(f => !columns.ContainsKey(f)).Select(mapping.Header).ToList();
        if (missing.Count > 0)
        {
            throw new HrFileException($"line 1: the header has no column {string.Join(", ", missing.Select(m => $"'{m}'"))}");
        }

        var rows = new List<HrRow>();
        var errors = new List<RowError>();
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var row = new RowReader(record, columns, mapping, errors, postsAt);
            if (record.Fields.Count != header.Count)
            {
                errors.Add(new RowError(record.Line, "", $"has {record.Fields.Count} fields; the header has {header.Count}"));
                continue;
            }

            var before = errors.Count;
            var change = ToChange(authority, row);
            if (errors.Count == before)
            {
                rows.Add(new HrRow(record.Line, change));
            }
        }

        return new HrFile(rows, errors);
    }

    private static StaffChange ToChange(string authority, RowReader row)
    {
        var change = new StaffChange
        {
            StaffId = row.Pseudonym(HrFields.PostId, required: true),
            PersonId = row.Pseudonym(HrFields.PersonId, required: false),
            EffectiveDate = row.Date(HrFields.EffectiveDate, required: true),
            SourceVersion = row.Whole(HrFields.SourceVersion),
        };

        switch (row.Kind())
        {
            case "starter" or "change":
                change.Assignment = Assignment(row);
                break;
            case "leaver":
                change.Leaver = new Leaver { Reason = row.Text(HrFields.LeavingReason, 64) };
                break;
            case "reinstatement":
                change.Reinstatement = new Reinstatement();
                break;
            case "absence":
                change.Absence = Absence(row, change.EffectiveDate);
                break;
        }

        var ownId = row.Text(HrFields.ChangeId, IdentifierRules.MaxChangeIdLength);
        change.ChangeId = ownId.Length > 0 ? ownId : DerivedChangeId(authority, row);
        return change;
    }

    private static Assignment Assignment(RowReader row)
    {
        var contract = row.Contract();
        var assignment = new Assignment
        {
            Team = row.Identifier(HrFields.Team),
            CensusRole = row.Role(),
            Registered = row.Flag(HrFields.Registered, required: true),
            SweNumber = row.Text(HrFields.SweNumber, 12),
            Contract = contract,
            CoverReason = row.CoverReason(contract),
            Fte = row.Fte(),
            CaseHolding = row.Flag(HrFields.CaseHolding, required: true),
            LineManagerStaffId = row.Pseudonym(HrFields.LineManager, required: false),
        };
        if (IdentifierRules.SweNumberProblem(assignment.SweNumber) is { } sweProblem)
        {
            row.Error(HrFields.SweNumber, sweProblem);
        }

        if (row.Date(HrFields.AsyeStart, required: false) is { } asye)
        {
            assignment.AsyeStart = asye;
        }

        return assignment;
    }

    private static Absence Absence(RowReader row, GoogleDate? firstDay)
    {
        var absence = new Absence { Reason = row.AbsenceReason(), WorkingDaysLost = row.Decimal(HrFields.WorkingDaysLost, 0, 366) };
        if (row.Date(HrFields.AbsenceLastDay, required: false) is { } lastDay)
        {
            absence.LastDay = lastDay;
            if (firstDay is not null && ToDateOnly(lastDay) < ToDateOnly(firstDay))
            {
                row.Error(HrFields.AbsenceLastDay, "must not be before the first day (the effective date)");
            }
        }

        return absence;
    }

    /// <summary>The row's content, not its position, so re-sent or re-exported rows keep their ids.</summary>
    private static string DerivedChangeId(string authority, RowReader row)
    {
        var content = string.Join('\u001f', HrFields.All.Where(f => f != HrFields.ChangeId).Select(row.Raw).Prepend(authority));
        return "hr-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..40];
    }

    private static DateOnly ToDateOnly(GoogleDate date) => new(date.Year, date.Month, date.Day);


    /// <summary>Reads one record's fields by our field names, adding an error per bad field.</summary>
    private sealed class RowReader(CsvRecord record, Dictionary<string, int> columns, HrMapping mapping, List<RowError> errors, DateOnly? postsAt)
    {
        private static readonly Dictionary<string, AbsenceReason> AbsenceReasons = new(StringComparer.OrdinalIgnoreCase)
        {
            ["MAT"] = Workforce.V1.AbsenceReason.Maternity, ["SIC"] = Workforce.V1.AbsenceReason.Sickness, ["OTH"] = Workforce.V1.AbsenceReason.Other,
            ["PUB"] = Workforce.V1.AbsenceReason.PublicDuties, ["TRN"] = Workforce.V1.AbsenceReason.Training,
            ["UNA"] = Workforce.V1.AbsenceReason.Unauthorised, ["UNP"] = Workforce.V1.AbsenceReason.Unpaid,
        };

        private static readonly Dictionary<string, CoverReason> CoverReasons = new(StringComparer.OrdinalIgnoreCase)
        {
            ["vacancy"] = Workforce.V1.CoverReason.Vacancy, ["absence-cover"] = Workforce.V1.CoverReason.AbsenceCover,
            ["additional-capacity"] = Workforce.V1.CoverReason.AdditionalCapacity,
        };

        public string Raw(string field) => columns.TryGetValue(field, out var i) && i < record.Fields.Count ? record.Fields[i].Trim() : "";

        public void Error(string field, string message) => errors.Add(new RowError(record.Line, mapping.Header(field), message));

        public string Kind()
        {
            if (postsAt is not null)
            {
                return "change";
            }

            var raw = Raw(HrFields.Change);
            var kind = mapping.Changes.FirstOrDefault(c => string.Equals(c.Key, raw, StringComparison.OrdinalIgnoreCase)).Value
                ?? HrFields.ChangeKinds.FirstOrDefault(k => string.Equals(k, raw, StringComparison.OrdinalIgnoreCase));
            if (kind is null)
            {
                Error(HrFields.Change, raw.Length == 0 ? "is required" : $"'{raw}' is not a known change ({string.Join(", ", mapping.Changes.Keys.Concat(HrFields.ChangeKinds))})");
            }

            return kind ?? "";
        }

        public string Text(string field, int maxLength)
        {
            var value = Raw(field);
            if (value.Length > maxLength)
            {
                Error(field, $"must be at most {maxLength} characters");
            }

            return value;
        }

        public string Identifier(string field)
        {
            var value = Raw(field);
            if (IdentifierRules.Problem(value, IdentifierRules.MaxIdLength) is { } problem)
            {
                Error(field, problem);
            }

            return value;
        }

        public string Pseudonym(string field, bool required)
        {
            var value = Raw(field);
            if ((required || value.Length > 0) && IdentifierRules.PseudonymProblem(value) is { } problem)
            {
                Error(field, problem);
            }

            return value;
        }

        public GoogleDate? Date(string field, bool required)
        {
            if (postsAt is { } day && field == HrFields.EffectiveDate)
            {
                return new GoogleDate { Year = day.Year, Month = day.Month, Day = day.Day };
            }

            var raw = Raw(field);
            if (raw.Length == 0)
            {
                if (required)
                {
                    Error(field, "is required");
                }

                return null;
            }

            string[] formats = ["yyyy-MM-dd", .. mapping.DateFormats];
            if (!DateOnly.TryParseExact(raw, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Error(field, $"'{raw}' is not a date in the form {string.Join(" or ", formats)}");
                return null;
            }

            if (date.Year is < 1900 or > 2199)
            {
                Error(field, $"'{raw}' is outside 1900–2199");
                return null;
            }

            return new GoogleDate { Year = date.Year, Month = date.Month, Day = date.Day };
        }

        public int Role()
        {
            var raw = Raw(HrFields.Role);
            if (mapping.JobCodes.Count > 0)
            {
                var match = mapping.JobCodes.FirstOrDefault(j => string.Equals(j.Key, raw, StringComparison.OrdinalIgnoreCase));
                if (match.Key is null)
                {
                    Error(HrFields.Role, raw.Length == 0 ? "is required" : $"job code '{raw}' is not in the mapping file's jobCodes");
                }

                return match.Value;
            }

            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var role) || role is < 1 or > 6)
            {
                Error(HrFields.Role, $"'{raw}' is not a DfE census role code from 1 to 6 (map HR job codes in the mapping file's jobCodes)");
            }

            return role;
        }

        public ContractType Contract()
        {
            var raw = Raw(HrFields.Contract);
            var value = mapping.Contracts.FirstOrDefault(c => string.Equals(c.Key, raw, StringComparison.OrdinalIgnoreCase)).Value ?? raw.ToLowerInvariant();
            switch (value)
            {
                case "employed":
                    return ContractType.Employed;
                case "agency":
                    return ContractType.Agency;
                default:
                    Error(HrFields.Contract, raw.Length == 0 ? "is required" : $"'{raw}' is neither employed nor agency");
                    return ContractType.Unspecified;
            }
        }

        public CoverReason CoverReason(ContractType contract)
        {
            var raw = Raw(HrFields.CoverReason);
            if (raw.Length == 0)
            {
                return Workforce.V1.CoverReason.Unspecified;
            }

            if (contract == ContractType.Employed)
            {
                Error(HrFields.CoverReason, "applies to agency workers only");
            }

            if (!CoverReasons.TryGetValue(raw, out var reason))
            {
                Error(HrFields.CoverReason, $"'{raw}' is not one of {string.Join(", ", CoverReasons.Keys)}");
            }

            return reason;
        }

        public AbsenceReason AbsenceReason()
        {
            var raw = Raw(HrFields.AbsenceReason);
            if (!AbsenceReasons.TryGetValue(raw, out var reason))
            {
                Error(HrFields.AbsenceReason, $"'{raw}' is not a census absence reason ({string.Join(", ", AbsenceReasons.Keys)})");
            }

            return reason;
        }

        public bool Flag(string field, bool required)
        {
            var raw = Raw(field).ToLowerInvariant();
            switch (raw)
            {
                case "y" or "yes" or "true" or "1":
                    return true;
                case "n" or "no" or "false" or "0":
                    return false;
                case "" when !required:
                    return false;
                default:
                    Error(field, raw.Length == 0 ? "is required (Y or N)" : $"'{Raw(field)}' is not Y or N");
                    return false;
            }
        }

        public double Fte()
        {
            var raw = Raw(HrFields.Fte);
            if (!double.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fte) || fte <= 0 || fte > 1)
            {
                Error(HrFields.Fte, $"'{raw}' must be a number greater than 0 and at most 1");
            }

            return fte;
        }

        public double Decimal(string field, double min, double max)
        {
            var raw = Raw(field);
            if (raw.Length == 0)
            {
                return 0;
            }

            if (!double.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                Error(field, $"'{raw}' must be a number from {min} to {max}");
            }

            return value;
        }

        public long Whole(string field)
        {
            var raw = Raw(field);
            if (raw.Length == 0)
            {
                return 0;
            }

            if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                Error(field, $"'{raw}' must be a whole number of 0 or more");
            }

            return value;
        }
    }
}
