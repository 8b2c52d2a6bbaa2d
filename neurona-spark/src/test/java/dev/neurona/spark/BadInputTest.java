package dev.neurona.spark;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.models.Sequential;
import dev.neurona.train.Fit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Bad input fails on the driver with the column and the row. */
class BadInputTest {

    static final StructType SCHEMA = new StructType()
            .add("features", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("label", DataTypes.IntegerType);

    /** Eight good rows of four features, with {@code bad} put at row {@code at}; two partitions. */
    static org.apache.spark.sql.Dataset<Row> frame(int at, Row bad) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            rows.add(i == at ? bad : RowFactory.create(new Double[] {1.0, 2.0, 3.0, i * 1.0}, i % 2));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        return TestSpark.session().createDataFrame(jsc.parallelize(rows, 2), SCHEMA);
    }

    static SparkTrainer trainer() {
        Sequential m = SynchronousTrainingTest.model(4, 2);
        return new SparkTrainer(m);
    }

    static final Fit FIT = Fit.epochs(1).batchSize(4).verbose(0);

    @Test
    void aMissingColumnIsNamedWithTheColumnsThereAre() {
        assertThatThrownBy(() -> trainer().labelCol("target").fit(frame(-1, null), FIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no label column 'target'").hasMessageContaining("[features, label]");
    }

    @Test
    void aColumnOfTheWrongTypeIsNamed() {
        org.apache.spark.sql.Dataset<Row> df = frame(-1, null).withColumn("features",
                org.apache.spark.sql.functions.lit("text"));
        assertThatThrownBy(() -> trainer().fit(df, FIT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("features column 'features' has type string");
    }

    @Test
    void aWrongVectorLengthNamesTheColumnAndRow() {
        assertThatThrownBy(() -> trainer().fit(frame(6, RowFactory.create(new Double[] {1.0, 2.0, 3.0}, 1)), FIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'features', row 6: expected 4 values, got 3");
    }

    @Test
    void nullsNameTheColumnAndRow() {
        assertThatThrownBy(() -> trainer().fit(frame(5, RowFactory.create(null, 1)), FIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("column 'features', row 5: null");
        assertThatThrownBy(() -> trainer().fit(frame(2, RowFactory.create(new Double[] {1.0, 2.0, null, 4.0}, 1)), FIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'features', row 2: element 2 is null");
        assertThatThrownBy(() -> trainer().fit(frame(7, RowFactory.create(new Double[] {1.0, 2.0, 3.0, 4.0}, null)),
                FIT)).isInstanceOf(IllegalArgumentException.class).hasMessage("column 'label', row 7: null");
    }

    @Test
    void nonFiniteValuesAndClassesOutOfRangeNameTheRow() {
        assertThatThrownBy(() -> trainer().fit(frame(3, RowFactory.create(new Double[] {1.0, Double.NaN, 3.0, 4.0}, 1)),
                FIT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'features', row 3: element 1 is NaN");
        assertThatThrownBy(() -> trainer().fit(frame(4, RowFactory.create(new Double[] {1.0, 2.0, 3.0, 4.0}, 2)), FIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label column 'label', row 4: expected a class index in [0, 2), got 2.0");
    }

    @Test
    void thePredictorNamesABadFeatureRow() {
        Sequential m = SynchronousTrainingTest.model(4, 2);
        m.build(4);
        assertThatThrownBy(() -> new SparkPredictor(m).transform(frame(1, RowFactory.create(new Double[] {1.0}, 1)))
                .collectAsList()).hasMessageContaining("column 'features', row 1: expected 4 values, got 1");
        assertThatThrownBy(() -> new SparkPredictor(m).featuresCol("x").transform(frame(-1, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no features column 'x'");
    }
}
