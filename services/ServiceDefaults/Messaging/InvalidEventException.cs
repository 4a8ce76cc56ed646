namespace Workforce.ServiceDefaults.Messaging;

/// <summary>An event that can never be applied: it is not retried and goes straight to the <c>_error</c> queue.</summary>
public sealed class InvalidEventException(string message) : Exception(message);
