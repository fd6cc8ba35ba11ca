using Weft.Api.Binding;

namespace Weft.Api.Model.Extensions;

/// <summary>EnvValueSource: where an environment variable's value comes from.</summary>
[WireCase(WireCase.UpperSnake)]
public enum EnvValueSource
{
    /// <summary>The value written in the plugin.</summary>
    Inline,
    /// <summary>The proxy's own environment variable of the same name.</summary>
    Host,
}
