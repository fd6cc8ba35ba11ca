using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>What happens to a preflight request whose origin no CORS rule allows.</summary>
[WireCase(WireCase.UpperSnake)]
public enum UnmatchedPreflights
{
    Unspecified,
    Forward,
    Ignore,
}
