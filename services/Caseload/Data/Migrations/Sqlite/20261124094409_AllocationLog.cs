using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AllocationLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AsyeStart",
                table: "worker_periods",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "allocation_changes",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Authority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChangeId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    SourceVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EffectiveDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RetractsChangeId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_allocation_changes", x => x.Sequence);
                });

            migrationBuilder.CreateIndex(
                name: "IX_allocation_changes_Authority_CaseId",
                table: "allocation_changes",
                columns: new[] { "Authority", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_allocation_changes_Authority_ChangeId_SourceVersion",
                table: "allocation_changes",
                columns: new[] { "Authority", "ChangeId", "SourceVersion" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "allocation_changes");

            migrationBuilder.DropColumn(
                name: "AsyeStart",
                table: "worker_periods");
        }
    }
}
