"""simverse.experiments"""
