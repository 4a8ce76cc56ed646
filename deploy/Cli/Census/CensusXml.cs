using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Workforce.V1;
using GoogleDate = Google.Type.Date;

namespace Workforce.Cli.Census;

/// <summary>A worker record of a return with the cases held at 30 September (from the caseload service, or as reported).</summary>
public sealed record CensusRecord(CensusWorker Worker, int? Cases);

/// <summary>A council's annual return as this tool reads and writes it.</summary>
public sealed record CensusFile(string Authority, int Year, double VacancyFte, double AgencyFte, int AgencyHeadcount, IReadOnlyList<CensusRecord> Records);

/// <summary>
/// The return as XML, modelled on the DfE children's social work workforce (CSWW) collection: a header, the council's
/// vacancy block and one <c>CSWWWorker</c> per record. Personal characteristics the DfE also collects (birth date,
/// gender, ethnicity, disability, qualifications) are never written, and are skipped without being read on import.
/// </summary>
public static class CensusXml
{
    private static readonly Dictionary<string, AbsenceReason> AbsenceCodes = new(StringComparer.Ordinal)
    {
        ["MAT"] = AbsenceReason.Maternity, ["SIC"] = AbsenceReason.Sickness, ["OTH"] = AbsenceReason.Other, ["PUB"] = AbsenceReason.PublicDuties,
        ["TRN"] = AbsenceReason.Training, ["UNA"] = AbsenceReason.Unauthorised, ["UNP"] = AbsenceReason.Unpaid,
    };

    public static XDocument Write(CensusFile census) => new(
        new XDeclaration("1.0", "utf-8", null),
        new XElement("Message",
            new XElement("Header",
                new XElement("CollectionDetails", new XElement("Collection", "CSWW"), new XElement("Year", census.Year), new XElement("ReferenceDate", $"{census.Year}-09-30")),
                new XElement("Source", new XElement("LEA", census.Authority))),
            new XElement("LALevelVacancies",
                new XElement("NumberOfVacancies", Decimal6(census.VacancyFte)),
                new XElement("NoAgencyFTE", Decimal6(census.AgencyFte)),
                new XElement("NoAgencyHC", census.AgencyHeadcount)),
            census.Records.Select(Worker)));

    private static XElement Worker(CensusRecord record)
    {
        var w = record.Worker;
        return new XElement("CSWWWorker",
            new XElement("WorkerID", w.WorkerId),
            new XElement("AgencyWorker", w.Agency ? 1 : 0),
            Optional("SWENumber", w.SweNumber),
            new XElement("FTE", Decimal6(w.Fte)),
            new XElement("Role", w.Role),
            new XElement("RoleStartDate", Date(w.StartDate)),
            w.EndDate is null ? null : new XElement("RoleEndDate", Date(w.EndDate)),
            Optional("ReasonForLeaving", w.LeavingReason),
            w.HasFteAtReferenceDate ? new XElement("FTE30", Decimal6(w.FteAtReferenceDate)) : null,
            record.Cases is { } cases ? new XElement("Cases30", cases) : null,
            new XElement("WorkingDaysLost", w.WorkingDaysLost.ToString("0.##", CultureInfo.InvariantCulture)),
            w.AbsenceAtReferenceDate == AbsenceReason.Unspecified ? null : new XElement("ReasonAbsence", AbsenceCodes.Single(c => c.Value == w.AbsenceAtReferenceDate).Key));
    }

    /// <summary>Reads a return, naming the first element that cannot be read.</summary>
    public static CensusFile Read(TextReader reader)
    {
        XDocument document;
        try
        {
            // No DTDs: a return is data, and entity expansion is an attack.
            using var xml = XmlReader.Create(reader, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new CensusFileException($"not a readable XML return: {e.Message}");
        }

        var root = document.Root is { Name.LocalName: "Message" } message ? message : throw new CensusFileException("the root element must be <Message>");
        var header = Required(root, "Header");
        var year = Whole(Required(Required(header, "CollectionDetails"), "Year"), 2000, 2199);
        var authority = Text(Required(Required(header, "Source"), "LEA"));
        var block = Required(root, "LALevelVacancies");
        var records = root.Elements("CSWWWorker").Select(ReadWorker).ToList();
        return new CensusFile(authority, year, Number(Required(block, "NumberOfVacancies"), 0, 1_000_000), Number(Required(block, "NoAgencyFTE"), 0, 1_000_000),
            Whole(Required(block, "NoAgencyHC"), 0, 1_000_000), records);
    }

    private static CensusRecord ReadWorker(XElement element)
    {
        var worker = new CensusWorker
        {
            WorkerId = Text(Required(element, "WorkerID")),
            Agency = Whole(Required(element, "AgencyWorker"), 0, 1) == 1,
            SweNumber = element.Element("SWENumber") is { } swe ? Text(swe) : "",
            Fte = Number(Required(element, "FTE"), 0.000001, 1),
            Role = Whole(Required(element, "Role"), 1, 6),
            StartDate = Date(Required(element, "RoleStartDate")),
            EndDate = element.Element("RoleEndDate") is { } end ? Date(end) : null,
            LeavingReason = element.Element("ReasonForLeaving") is { } reason ? Text(reason) : "",
            WorkingDaysLost = element.Element("WorkingDaysLost") is { } lost ? Number(lost, 0, 366) : 0,
        };
        if (element.Element("FTE30") is { } fte30)
        {
            worker.FteAtReferenceDate = Number(fte30, 0.000001, 1);
        }

        if (element.Element("ReasonAbsence") is { } absence)
        {
            worker.AbsenceAtReferenceDate = AbsenceCodes.TryGetValue(Text(absence), out var code)
                ? code
                : throw Problem(absence, $"must be one of {string.Join(", ", AbsenceCodes.Keys)}");
        }

        int? cases = element.Element("Cases30") is { } held ? Whole(held, 0, 10_000) : null;
        return new CensusRecord(worker, cases);
    }

    private static XElement? Optional(string name, string value) => value.Length == 0 ? null : new XElement(name, value);

    private static string Decimal6(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);

    private static string Date(GoogleDate date) => $"{date.Year:0000}-{date.Month:00}-{date.Day:00}";

    private static XElement Required(XElement parent, string name) =>
        parent.Element(name) ?? throw Problem(parent, $"has no <{name}>");

    private static string Text(XElement element) =>
        element.Value.Trim() is { Length: > 0 } value ? value : throw Problem(element, "is empty");

    private static int Whole(XElement element, int min, int max) =>
        int.TryParse(element.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Problem(element, $"must be a whole number from {min} to {max}");

    private static double Number(XElement element, double min, double max) =>
        double.TryParse(element.Value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Problem(element, $"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");

    private static GoogleDate Date(XElement element) =>
        DateOnly.TryParseExact(element.Value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new GoogleDate { Year = day.Year, Month = day.Month, Day = day.Day }
            : throw Problem(element, "must be a date in the form yyyy-MM-dd");

    private static CensusFileException Problem(XElement element, string message) =>
        new($"line {((IXmlLineInfo)element).LineNumber}: <{element.Name.LocalName}> {message}");
}

/// <summary>A return that cannot be read; nothing is sent.</summary>
public sealed class CensusFileException(string message) : Exception(message);
