package io.rebound.gateway.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's {@link JsonMapper} (request bodies included) reads no document longer than the body limit, no
 * string longer and no nesting deeper than {@link HttpLimits} allow. Jackson fixes these in the stream factory, which
 * Boot's builder customizers cannot change, so this builder replaces Boot's and applies its customizers itself.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimitsConfig {

    @Bean
    @Scope("prototype")
    JsonMapper.Builder jsonMapperBuilder(HttpLimits limits, ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxDocumentLength(limits.maxBodyBytes())
                .maxStringLength(limits.maxJsonStringLength())
                .maxNameLength(limits.maxJsonStringLength())
                .maxNestingDepth(limits.maxJsonNestingDepth())
                .build();
        JsonMapper.Builder builder = JsonMapper.builder(
                JsonFactory.builder().streamReadConstraints(constraints).build());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }
}
