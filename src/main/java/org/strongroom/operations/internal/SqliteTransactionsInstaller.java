package org.strongroom.operations.internal;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Puts {@link SqliteTransactions} in front of the connection pool when the database is SQLite
 * (decided at run time from the pool's URL, so one build serves both databases).
 */
@Component
class SqliteTransactionsInstaller implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:sqlite:")) {
            return new SqliteTransactions(pool);
        }
        return bean;
    }
}
