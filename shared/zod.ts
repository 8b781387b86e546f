/** zod with Chinese messages: users read validation errors of config files. */
import { z } from 'zod';

z.config(z.locales.zhCN());

export { z };
