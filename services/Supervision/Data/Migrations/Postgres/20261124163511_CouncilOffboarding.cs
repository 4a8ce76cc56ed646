using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Supervision.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CouncilOffboarding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Authority",
                table: "outbox",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Authority",
                table: "inbox",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "offboarded_councils",
                columns: table => new
                {
                    Authority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OffboardedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_offboarded_councils", x => x.Authority);
                });

            // Events written before this migration: every one then carried a council's data, named in its payload.
            migrationBuilder.Sql("UPDATE outbox SET \"Authority\" = (\"Payload\"::jsonb ->> 'authority')");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_Authority",
                table: "outbox",
                column: "Authority");

            migrationBuilder.CreateIndex(
                name: "IX_inbox_Authority",
                table: "inbox",
                column: "Authority");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "offboarded_councils");

            migrationBuilder.DropIndex(
                name: "IX_outbox_Authority",
                table: "outbox");

            migrationBuilder.DropIndex(
                name: "IX_inbox_Authority",
                table: "inbox");

            migrationBuilder.DropColumn(
                name: "Authority",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "Authority",
                table: "inbox");
        }
    }
}
