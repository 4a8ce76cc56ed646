using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Supervision.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuthoritySequenceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_sessions_Authority_Sequence",
                table: "sessions",
                columns: new[] { "Authority", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sessions_Authority_Sequence",
                table: "sessions");
        }
    }
}
