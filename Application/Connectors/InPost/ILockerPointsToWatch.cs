namespace Ledger.Application.Connectors.InPost;

/// <summary>
/// The InPost locker points whose operating status Ledger follows: those named in configuration and,
/// later, those that open orders are addressed to.
/// </summary>
public interface ILockerPointsToWatch
{
    Task<IReadOnlyCollection<string>> GetAsync(CancellationToken cancellationToken);
}
