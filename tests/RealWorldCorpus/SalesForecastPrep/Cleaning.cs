using Microsoft.Data.Analysis;

namespace SalesForecastPrep;

public static class Cleaning
{
    public static DataFrame FillMissingPrices(DataFrame frame)
    {
        var price = (PrimitiveDataFrameColumn<float>)frame["UnitPrice"];
        var median = price.Median();
        price.FillNulls(median, inPlace: true);
        return frame;
    }

    public static DataFrame DropReturns(DataFrame frame)
    {
        var quantity = (PrimitiveDataFrameColumn<int>)frame["Quantity"];
        return frame.Filter(quantity.ElementwiseGreaterThan(0));
    }
}
