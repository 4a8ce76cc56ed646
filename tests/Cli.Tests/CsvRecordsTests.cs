using Workforce.Cli.Hr;
using Xunit;

namespace Workforce.Cli.Tests;

public sealed class CsvRecordsTests
{
    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks_and_records_keep_the_line_they_start_on()
    {
        var text = "\uFEFFa,b,c\r\n1,\"two, \"\"2\"\"\",3\r\n\"multi\nline\",x,\n\n4,5,6";

        var records = CsvRecords.Read(new StringReader(text)).ToList();

        Assert.Equal(
            [(1, "a|b|c"), (2, "1|two, \"2\"|3"), (3, "multi\nline|x|"), (6, "4|5|6")],
            records.Select(r => (r.Line, string.Join('|', r.Fields))));
    }

    [Fact]
    public void A_file_without_a_final_line_break_still_yields_its_last_record()
    {
        Assert.Equal(["x", "y"], CsvRecords.Read(new StringReader("x,y")).Single().Fields);
    }
}
