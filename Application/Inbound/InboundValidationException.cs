namespace Ledger.Application.Inbound;

/// <summary>A sender's message is malformed: <see cref="Field"/> names what is wrong. Answered with 400.</summary>
public sealed class InboundValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
