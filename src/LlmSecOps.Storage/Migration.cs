namespace LlmSecOps.Storage;

/// <summary>One schema change. Versions are per module and applied in ascending order, once.</summary>
/// <param name="Version">Version number, unique within the module.</param>
/// <param name="Name">Short description kept in the migrations table.</param>
/// <param name="Sql">Statements to run (in one transaction).</param>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// The migrations of one module (events, red team, …). Each module owns its tables and its own
/// version sequence, so modules evolve their schemas independently.
/// </summary>
/// <param name="Module">Module name, e.g. <c>events</c>.</param>
/// <param name="Migrations">Migrations in any order.</param>
public sealed record MigrationSet(string Module, IReadOnlyList<Migration> Migrations);
