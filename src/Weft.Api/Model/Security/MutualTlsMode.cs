using Weft.Api.Binding;

namespace Weft.Api.Model.Security;

/// <summary>PeerAuthentication.MutualTLS.Mode.</summary>
[WireCase(WireCase.UpperSnake)]
public enum MutualTlsMode
{
    /// <summary>Inherit from the parent scope.</summary>
    Unset,
    /// <summary>Plaintext only: no mTLS tunnel.</summary>
    Disable,
    /// <summary>Accept both plaintext and mTLS.</summary>
    Permissive,
    /// <summary>mTLS only; plaintext connections are refused.</summary>
    Strict,
}
