using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Supervision.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Sessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Authority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SessionId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    SourceVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    SuperviseeStaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SupervisorStaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ActionsJson = table.Column<string>(type: "TEXT", nullable: false),
                    RetractsSessionId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessions", x => x.Sequence);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sessions_Authority_SessionId_SourceVersion",
                table: "sessions",
                columns: new[] { "Authority", "SessionId", "SourceVersion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sessions_Authority_SuperviseeStaffId",
                table: "sessions",
                columns: new[] { "Authority", "SuperviseeStaffId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sessions");
        }
    }
}
