using Workforce.Contracts;
using Workforce.ServiceDefaults.Grpc;
using CouncilSettings = Workforce.Contracts.CouncilSettings;
using SupervisionPolicy = Workforce.Contracts.SupervisionPolicy;

namespace Workforce.Api.Grpc;

/// <summary>Council settings between the wire and the domain, validated on the way in.</summary>
public static class CouncilSettingsMapper
{
    public static CouncilSettings FromProto(V1.CouncilSettings? settings, string at, FieldViolations violations)
    {
        if (settings is null)
        {
            violations.Add(at, "is required");
            return CouncilSettings.Default;
        }

        if (double.IsNaN(settings.CaseloadTarget) || settings.CaseloadTarget is <= 0 or > 100)
        {
            violations.Add($"{at}.caseload_target", "must be greater than 0 and at most 100");
        }

        var thresholds = settings.CaseloadThresholds;
        if (thresholds.Any(t => double.IsNaN(t) || t is <= 0 or > 100) || thresholds.Zip(thresholds.Skip(1)).Any(p => p.First >= p.Second))
        {
            violations.Add($"{at}.caseload_thresholds", "must be ascending, each greater than 0 and at most 100");
        }

        if (double.IsNaN(settings.AsyeCaseloadWeight) || settings.AsyeCaseloadWeight is <= 0 or > 1)
        {
            violations.Add($"{at}.asye_caseload_weight", "must be greater than 0 and at most 1");
        }

        Days(violations, $"{at}.long_term_absence_days", settings.LongTermAbsenceDays);
        if (settings.ReportingYearStartMonth is < 1 or > 12
            || settings.ReportingYearStartDay < 1
            || settings.ReportingYearStartDay > DateTime.DaysInMonth(2023, settings.ReportingYearStartMonth))
        {
            violations.Add($"{at}.reporting_year_start_day", "month and day must make a date that exists every year");
        }

        var policy = settings.Supervision;
        if (policy is null)
        {
            violations.Add($"{at}.supervision", "is required");
            policy = new V1.SupervisionPolicy();
        }
        else
        {
            Days(violations, $"{at}.supervision.asye_weekly_interval_days", policy.AsyeWeeklyIntervalDays);
            Days(violations, $"{at}.supervision.asye_fortnightly_interval_days", policy.AsyeFortnightlyIntervalDays);
            Days(violations, $"{at}.supervision.asye_after_interval_days", policy.AsyeAfterIntervalDays);
            Days(violations, $"{at}.supervision.standard_interval_days", policy.StandardIntervalDays);
            if (policy.AsyeWeeklyWeeks is < 0 or > 52 || policy.AsyeFortnightlyUntilMonths is < 0 or > 24)
            {
                violations.Add($"{at}.supervision.asye_weekly_weeks", "ASYE stages must be 0-52 weeks and 0-24 months");
            }

            for (var i = 0; i < policy.RoleIntervals.Count; i++)
            {
                if (policy.RoleIntervals[i].CensusRole is < 1 or > 6)
                {
                    violations.Add($"{at}.supervision.role_intervals[{i}].census_role", "must be a DfE census role code from 1 to 6");
                }

                Days(violations, $"{at}.supervision.role_intervals[{i}].interval_days", policy.RoleIntervals[i].IntervalDays);
            }

            if (policy.RoleIntervals.Select(r => r.CensusRole).Distinct().Count() != policy.RoleIntervals.Count)
            {
                violations.Add($"{at}.supervision.role_intervals", "each role may appear once");
            }

            if (policy.MinimumMinutes is < 0 or > 600)
            {
                violations.Add($"{at}.supervision.minimum_minutes", "must be from 0 to 600");
            }
        }

        return new CouncilSettings
        {
            CaseloadTarget = Decimal(settings.CaseloadTarget),
            CaseloadThresholds = thresholds.Select(Decimal).ToList(),
            AsyeCaseloadWeight = Decimal(settings.AsyeCaseloadWeight),
            LongTermAbsenceDays = settings.LongTermAbsenceDays,
            ReportingYearStartMonth = settings.ReportingYearStartMonth,
            ReportingYearStartDay = settings.ReportingYearStartDay,
            Supervision = new SupervisionPolicy
            {
                AsyeWeeklyWeeks = policy.AsyeWeeklyWeeks,
                AsyeWeeklyIntervalDays = policy.AsyeWeeklyIntervalDays,
                AsyeFortnightlyUntilMonths = policy.AsyeFortnightlyUntilMonths,
                AsyeFortnightlyIntervalDays = policy.AsyeFortnightlyIntervalDays,
                AsyeAfterIntervalDays = policy.AsyeAfterIntervalDays,
                StandardIntervalDays = policy.StandardIntervalDays,
                RoleIntervalDays = policy.RoleIntervals.GroupBy(r => r.CensusRole).ToDictionary(g => g.Key, g => g.First().IntervalDays),
                MinimumMinutes = policy.MinimumMinutes,
                GroupSessionsCount = policy.GroupSessionsCount,
            },
        };
    }

    public static V1.CouncilSettings ToProto(CouncilSettings settings)
    {
        var policy = new V1.SupervisionPolicy
        {
            AsyeWeeklyWeeks = settings.Supervision.AsyeWeeklyWeeks,
            AsyeWeeklyIntervalDays = settings.Supervision.AsyeWeeklyIntervalDays,
            AsyeFortnightlyUntilMonths = settings.Supervision.AsyeFortnightlyUntilMonths,
            AsyeFortnightlyIntervalDays = settings.Supervision.AsyeFortnightlyIntervalDays,
            AsyeAfterIntervalDays = settings.Supervision.AsyeAfterIntervalDays,
            StandardIntervalDays = settings.Supervision.StandardIntervalDays,
            MinimumMinutes = settings.Supervision.MinimumMinutes,
            GroupSessionsCount = settings.Supervision.GroupSessionsCount,
        };
        policy.RoleIntervals.AddRange(settings.Supervision.RoleIntervalDays.OrderBy(r => r.Key)
            .Select(r => new V1.RoleInterval { CensusRole = r.Key, IntervalDays = r.Value }));
        var proto = new V1.CouncilSettings
        {
            CaseloadTarget = (double)settings.CaseloadTarget,
            AsyeCaseloadWeight = (double)settings.AsyeCaseloadWeight,
            LongTermAbsenceDays = settings.LongTermAbsenceDays,
            ReportingYearStartMonth = settings.ReportingYearStartMonth,
            ReportingYearStartDay = settings.ReportingYearStartDay,
            Supervision = policy,
        };
        proto.CaseloadThresholds.AddRange(settings.CaseloadThresholds.Select(t => (double)t));
        return proto;
    }

    private static void Days(FieldViolations violations, string field, int days)
    {
        if (days is < 1 or > 365)
        {
            violations.Add(field, "must be from 1 to 365 days");
        }
    }

    // Values out of range are already reported; this keeps NaN, infinities and huge numbers from throwing before they are.
    private static decimal Decimal(double value) => double.IsFinite(value) && Math.Abs(value) <= 1e6 ? (decimal)value : 0;
}
