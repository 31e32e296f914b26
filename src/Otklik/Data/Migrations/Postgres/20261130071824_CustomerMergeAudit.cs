using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Otklik.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CustomerMergeAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "unverified_contact",
                table: "tickets",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "match_key",
                table: "customer_identities",
                type: "character varying(330)",
                maxLength: 330,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "customer_merges",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source_id = table.Column<long>(type: "bigint", nullable: false),
                    target_id = table.Column<long>(type: "bigint", nullable: false),
                    merged_by_agent_id = table.Column<long>(type: "bigint", nullable: true),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    merged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    undone_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    undone_by_agent_id = table.Column<long>(type: "bigint", nullable: true),
                    moved = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_merges", x => x.id);
                    table.ForeignKey(
                        name: "fk_customer_merges_customers_source_id",
                        column: x => x.source_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_customer_merges_customers_target_id",
                        column: x => x.target_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "duplicate_dismissals",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    other_customer_id = table.Column<long>(type: "bigint", nullable: false),
                    dismissed_by_agent_id = table.Column<long>(type: "bigint", nullable: false),
                    dismissed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duplicate_dismissals", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customer_identities_match_key",
                table: "customer_identities",
                column: "match_key");

            migrationBuilder.CreateIndex(
                name: "ix_customer_merges_source_id",
                table: "customer_merges",
                column: "source_id");

            migrationBuilder.CreateIndex(
                name: "ix_customer_merges_target_id",
                table: "customer_merges",
                column: "target_id");

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_dismissals_customer_id_other_customer_id",
                table: "duplicate_dismissals",
                columns: new[] { "customer_id", "other_customer_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_dismissals_other_customer_id",
                table: "duplicate_dismissals",
                column: "other_customer_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customer_merges");

            migrationBuilder.DropTable(
                name: "duplicate_dismissals");

            migrationBuilder.DropIndex(
                name: "ix_customer_identities_match_key",
                table: "customer_identities");

            migrationBuilder.DropColumn(
                name: "unverified_contact",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "match_key",
                table: "customer_identities");
        }
    }
}
