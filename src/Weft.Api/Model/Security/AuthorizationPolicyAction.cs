using Weft.Api.Binding;

namespace Weft.Api.Model.Security;

/// <summary>What a matching AuthorizationPolicy does with a request.</summary>
[WireCase(WireCase.UpperSnake)]
public enum AuthorizationPolicyAction
{
    Allow,
    Deny,
    /// <summary>Marks a request for auditing by a provider; never changes the decision.</summary>
    Audit,
    /// <summary>Delegates the decision to an extension provider (ext_authz).</summary>
    Custom,
}
