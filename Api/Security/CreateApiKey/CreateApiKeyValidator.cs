using FastEndpoints;
using FluentValidation;
using Ledger.Infrastructure.ApiKeys;

namespace Ledger.Api.Security.CreateApiKey;

public sealed class CreateApiKeyValidator : Validator<CreateApiKeyRequest>
{
    public CreateApiKeyValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Role).NotEmpty().Must(ApiKeyRoles.IsKnown).WithMessage($"Role must be one of {string.Join(", ", ApiKeyRoles.All)}.");
    }
}
