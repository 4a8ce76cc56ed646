using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_records",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    Roles = table.Column<string>(type: "TEXT", nullable: false),
                    Authority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Team = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CallerTeams = table.Column<string>(type: "TEXT", nullable: false),
                    Rpc = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Disclosure = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ReadAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    TraceId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_records", x => x.Sequence);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_records_Authority_ReadAtUnixMs",
                table: "audit_records",
                columns: new[] { "Authority", "ReadAtUnixMs" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_records_ReadAtUnixMs",
                table: "audit_records",
                column: "ReadAtUnixMs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_records");
        }
    }
}
