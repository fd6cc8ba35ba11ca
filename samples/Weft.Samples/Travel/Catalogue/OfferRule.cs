using System.Globalization;

namespace Weft.Samples.Travel.Catalogue;

/// <summary>How the seed prices one offer in every city: <c>Base + Step * position</c>.</summary>
/// <param name="Service">flights, hotels, cars or insurances.</param>
/// <param name="NameTemplate">The offer's name; <c>{city}</c> is replaced by the city's name.</param>
/// <param name="Base">The price before the city's share.</param>
/// <param name="Step">What each position in the city list adds.</param>
public sealed record OfferRule(string Service, string NameTemplate, int Base, int Step)
{
    public Offer For(CityRow city) => new(
        NameTemplate.Replace("{city}", city.Name, StringComparison.Ordinal),
        Base + (Step * city.Position));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Service}: {NameTemplate} = {Base} + {Step}n");
}
