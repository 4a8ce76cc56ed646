using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuthoritySequenceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_staff_changes_Authority_Kind",
                table: "staff_changes",
                columns: new[] { "Authority", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_staff_changes_Authority_Sequence",
                table: "staff_changes",
                columns: new[] { "Authority", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_staff_changes_Authority_Kind",
                table: "staff_changes");

            migrationBuilder.DropIndex(
                name: "IX_staff_changes_Authority_Sequence",
                table: "staff_changes");
        }
    }
}
