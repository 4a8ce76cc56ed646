namespace Workforce.Testing;

/// <summary>
/// The real broker and database the tests run against, started by <c>deploy/test.sh</c> (the README's test
/// command) and handed over in environment variables. Missing ones fail the test with a clear message.
/// </summary>
public static class TestEnvironment
{
    public static string RabbitMqUri => Require("WORKFORCE_TEST_RABBITMQ");

    public static string RabbitMqManagementUrl => Require("WORKFORCE_TEST_RABBITMQ_MANAGEMENT");

    public static string PostgresConnectionString => Require("WORKFORCE_TEST_POSTGRES");

    /// <summary>Scratch space of this test run (databases, private broker nodes, logs).</summary>
    public static string RunDirectory => Require("WORKFORCE_TEST_RUN_DIR");

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with 'bash deploy/test.sh', which starts RabbitMQ and PostgreSQL and sets it.");

    /// <summary>A fresh folder under the run directory.</summary>
    public static string NewScratchDirectory(string purpose)
    {
        var path = Path.Combine(RunDirectory, "scratch", $"{purpose}-{Guid.NewGuid():N}"[..(purpose.Length + 9)]);
        Directory.CreateDirectory(path);
        return path;
    }
}
