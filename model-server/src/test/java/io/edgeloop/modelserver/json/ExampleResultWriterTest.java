package io.edgeloop.modelserver.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.edgeloop.modelserver.examples.ClassifyResult;
import io.edgeloop.modelserver.examples.RegressResult;
import io.edgeloop.modelserver.examples.ScoredLabel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Classify and regress results as TF Serving writes them: json_tensor_test.cc's result cases. */
class ExampleResultWriterTest {

    /** The server's writer settings: NaN and Infinity as bare tokens, as rapidjson writes them. */
    private static final ObjectMapper JSON = JsonMapper.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private final ExampleResultWriter writer = new ExampleResultWriter();

    /** json_tensor_test.cc JsonFromClassificationResult. */
    @Test
    void jsonFromClassificationResult() throws Exception {
        ClassifyResult result = new ClassifyResult(List.of(
                List.of(new ScoredLabel("car", .2f), new ScoredLabel("bike", .7f), new ScoredLabel("bus", .1f)),
                List.of(new ScoredLabel("car", .7f), new ScoredLabel("bike", .1f), new ScoredLabel("bus", .2f))));

        assertThat(JSON.writeValueAsString(writer.classify(result))).isEqualTo("{\"results\":["
                + "[[\"car\",0.2],[\"bike\",0.7],[\"bus\",0.1]],[[\"car\",0.7],[\"bike\",0.1],[\"bus\",0.2]]]}");
    }

    /** json_tensor_test.cc JsonFromRegressionResult. */
    @Test
    void jsonFromRegressionResult() throws Exception {
        assertThat(JSON.writeValueAsString(writer.regress(new RegressResult(List.of(.2f, .9f, 1.0f)))))
                .isEqualTo("{\"results\":[0.2,0.9,1.0]}");
    }

    /** json_tensor_test.cc JsonFromRegressionResultWithNonFinite. */
    @Test
    void jsonFromRegressionResultWithNonFinite() throws Exception {
        assertThat(JSON.writeValueAsString(writer.regress(new RegressResult(List.of(.2f, Float.POSITIVE_INFINITY,
                1.0f, Float.NEGATIVE_INFINITY, Float.NaN)))))
                .isEqualTo("{\"results\":[0.2,Infinity,1.0,-Infinity,NaN]}");
    }

    /**
     * json_tensor_test.cc FromJsonSingleFloatTensorSixDigitPrecision's values as results: TF Serving writes results
     * with the same WriteDecimal as predictions ({@code %g}, more digits only when six do not read back).
     */
    @Test
    void resultsAreWrittenWithSixDigitPrecision() throws Exception {
        List<Float> values = List.of(9000000f, 999999f, .5f, .0003f, .00003f, 555557.5f);

        assertThat(JSON.writeValueAsString(writer.regress(new RegressResult(values))))
                .isEqualTo("{\"results\":[9e+06,999999.0,0.5,0.0003,3e-05,555557.5]}");
        assertThat(JSON.writeValueAsString(writer.classify(new ClassifyResult(List.of(List.of(
                new ScoredLabel("big", 9000000f), new ScoredLabel("small", .00003f)))))))
                .isEqualTo("{\"results\":[[[\"big\",9e+06],[\"small\",3e-05]]]}");
    }
}
