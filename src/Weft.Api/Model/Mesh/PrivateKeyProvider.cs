using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>PrivateKeyProvider: hardware-accelerated private key operations (one provider).</summary>
[WireNullsAreAbsent]
public sealed record PrivateKeyProvider
{
    public PrivateKeyAccelerator? Cryptomb { get; init; }
    public PrivateKeyAccelerator? Qat { get; init; }
}
